/**
 * Registry of live connections, and the lifecycle that keeps it in step with connects,
 * disconnects and gone connections.
 */
@NullMarked
package dev.apigw.websocket.registry;

import org.jspecify.annotations.NullMarked;
