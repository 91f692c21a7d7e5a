/**
 * {@link dev.apigw.websocket.SendRateLimiter} shared by a fleet of instances through
 * Redis: one distributed token bucket (Bucket4j over Lettuce).
 */
@NullMarked
package dev.apigw.websocket.ratelimit.redis;

import org.jspecify.annotations.NullMarked;
