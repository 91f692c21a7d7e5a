/**
 * Inbound events: the endpoint that API Gateway's HTTP integrations call on
 * {@code $connect}, {@code $disconnect} and message routes.
 */
@NullMarked
package dev.apigw.websocket.autoconfigure.inbound;

import org.jspecify.annotations.NullMarked;
