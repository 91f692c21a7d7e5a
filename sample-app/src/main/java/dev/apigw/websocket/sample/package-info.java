/**
 * A small chat on an API Gateway WebSocket API, running on the embedded emulator by
 * default.
 */
@NullMarked
package dev.apigw.websocket.sample;

import org.jspecify.annotations.NullMarked;
