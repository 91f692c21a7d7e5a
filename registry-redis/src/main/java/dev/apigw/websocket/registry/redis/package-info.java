/**
 * {@link dev.apigw.websocket.registry.ConnectionRegistry} on Redis, through Spring Data
 * Redis.
 */
@NullMarked
package dev.apigw.websocket.registry.redis;

import org.jspecify.annotations.NullMarked;
