/**
 * Auto-configuration of the health indicator of the {@code @connections} management
 * endpoint.
 */
@NullMarked
package dev.apigw.websocket.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
