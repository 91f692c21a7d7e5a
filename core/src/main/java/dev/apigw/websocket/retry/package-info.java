/**
 * The single retry layer of management calls: Spring Retry policies with full-jitter exponential backoff.
 */
@NullMarked
package dev.apigw.websocket.retry;

import org.jspecify.annotations.NullMarked;
