/**
 * Test support for applications that use apigw-websocket: the local emulator wired into a
 * {@code @SpringBootTest} and a WebSocket client that records what arrives.
 */
@NullMarked
package dev.apigw.websocket.test;

import org.jspecify.annotations.NullMarked;
