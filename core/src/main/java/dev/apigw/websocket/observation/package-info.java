/**
 * Micrometer observation and meters of management calls.
 */
@NullMarked
package dev.apigw.websocket.observation;

import org.jspecify.annotations.NullMarked;
