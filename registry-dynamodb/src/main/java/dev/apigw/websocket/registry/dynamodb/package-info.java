/**
 * {@link dev.apigw.websocket.registry.ConnectionRegistry} on one DynamoDB table, through
 * the AWS SDK's enhanced client.
 */
@NullMarked
package dev.apigw.websocket.registry.dynamodb;

import org.jspecify.annotations.NullMarked;
