/**
 * Auto-configuration of the inbound endpoint that API Gateway's HTTP integrations call on
 * {@code $connect}, {@code $disconnect} and message routes, with the checks of its shared
 * secret at startup.
 */
@NullMarked
package dev.apigw.websocket.autoconfigure.inbound;

import org.jspecify.annotations.NullMarked;
