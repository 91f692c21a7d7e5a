/**
 * Testcontainers service connection for a LocalStack container that serves the API
 * Gateway WebSocket management API.
 */
@NullMarked
package dev.apigw.websocket.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
