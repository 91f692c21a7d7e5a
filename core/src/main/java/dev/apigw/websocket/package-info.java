/**
 * Template for the Amazon API Gateway WebSocket {@code @connections} management API: send
 * to, look up, disconnect and broadcast to connections, with one retry layer,
 * observations and gone events.
 */
@NullMarked
package dev.apigw.websocket;

import org.jspecify.annotations.NullMarked;
