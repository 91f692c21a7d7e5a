/**
 * Test support for applications that use apigw-websocket: the local emulator wired into a
 * {@code @SpringBootTest}. The recording WebSocket client, {@code WebSocketTestClient},
 * comes with the emulator.
 */
@NullMarked
package dev.apigw.websocket.test;

import org.jspecify.annotations.NullMarked;
