package dev.apigw.websocket.emulator;

/**
 * Kind of event that made the emulator call a route integration, as API Gateway names it
 * in {@code $context.eventType}.
 *
 * @since 0.1.0
 */
public enum EventType {

	/** A client asked to connect ({@code $connect}). */
	CONNECT,

	/** A client sent a message (any message route). */
	MESSAGE,

	/** A connection was closed ({@code $disconnect}). */
	DISCONNECT

}
