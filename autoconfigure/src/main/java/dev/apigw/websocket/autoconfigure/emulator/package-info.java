/**
 * Auto-configuration that runs the API Gateway WebSocket emulator inside the application.
 */
@NullMarked
package dev.apigw.websocket.autoconfigure.emulator;

import org.jspecify.annotations.NullMarked;
