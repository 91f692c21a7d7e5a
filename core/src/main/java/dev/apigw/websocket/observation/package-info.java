/**
 * Micrometer observation of management calls: its documentation, context and conventions,
 * the contract of a custom convention.
 */
@NullMarked
package dev.apigw.websocket.observation;

import org.jspecify.annotations.NullMarked;
