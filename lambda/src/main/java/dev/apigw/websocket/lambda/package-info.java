/**
 * The function an AWS Lambda integration of an API Gateway WebSocket API invokes: turns
 * each {@code APIGatewayV2WebSocketEvent} into the same application events as the HTTP
 * integration endpoint, and reaches the connections of the API that sent it.
 */
@NullMarked
package dev.apigw.websocket.lambda;

import org.jspecify.annotations.NullMarked;
