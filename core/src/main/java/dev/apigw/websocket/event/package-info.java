/**
 * Application events about WebSocket connections.
 */
@NullMarked
package dev.apigw.websocket.event;

import org.jspecify.annotations.NullMarked;
