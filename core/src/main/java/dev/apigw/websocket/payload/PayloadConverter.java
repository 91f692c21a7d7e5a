package dev.apigw.websocket.payload;

/**
 * Converts an application object into the bytes posted to a connection.
 *
 * @author apigw-websocket
 * @see JacksonPayloadConverter
 * @since 0.1.0
 */
@FunctionalInterface
public interface PayloadConverter {

	/**
	 * Convert an object into bytes.
	 * @param payload the object
	 * @return the bytes to post
	 */
	byte[] convert(Object payload);

}
