/**
 * Auto-configuration of the connection registry: in memory, on Redis or on DynamoDB.
 */
@NullMarked
package dev.apigw.websocket.autoconfigure.registry;

import org.jspecify.annotations.NullMarked;
