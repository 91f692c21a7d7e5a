package dev.apigw.websocket;

import java.util.Locale;

/**
 * The three calls of the {@code @connections} management API.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public enum ManagementOperation {

	/**
	 * {@code PostToConnection}: send data to a connection.
	 */
	POST("PostToConnection"),

	/**
	 * {@code GetConnection}: read a connection's details.
	 */
	GET("GetConnection"),

	/**
	 * {@code DeleteConnection}: close a connection.
	 */
	DELETE("DeleteConnection");

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	private final String apiName;

	ManagementOperation(String apiName) {
		this.apiName = apiName;
	}

	/**
	 * Return the value used for the {@code operation} observation key.
	 * @return the lower-case tag value, e.g. {@code "post"}
	 */
	public String tagValue() {
		return this.tagValue;
	}

	/**
	 * Return the name of the call in the API Gateway documentation.
	 * @return the API name, e.g. {@code "PostToConnection"}
	 */
	public String apiName() {
		return this.apiName;
	}

}
