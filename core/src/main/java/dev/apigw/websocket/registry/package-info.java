/**
 * Registry of live connections and its pruning on gone events.
 */
@NullMarked
package dev.apigw.websocket.registry;

import org.jspecify.annotations.NullMarked;
