/**
 * Conversion of application objects into the bytes posted to a connection.
 */
@NullMarked
package dev.apigw.websocket.payload;

import org.jspecify.annotations.NullMarked;
