/**
 * Inbound events: the handlers that API Gateway's HTTP integrations call on
 * {@code $connect}, {@code $disconnect} and message routes, and the publisher that turns
 * their requests into application events.
 */
@NullMarked
package dev.apigw.websocket.inbound;

import org.jspecify.annotations.NullMarked;
