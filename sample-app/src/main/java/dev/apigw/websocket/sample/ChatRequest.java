package dev.apigw.websocket.sample;

import org.jspecify.annotations.Nullable;

/**
 * What the page sends: {@code {"action":"sendmessage","name":...,"text":...}} or
 * {@code {"action":"roster"}}.
 *
 * @param action the action, which API Gateway can also use to select a route
 * @param name the sender's name as the page knows it
 * @param text the message
 */
public record ChatRequest(@Nullable String action, @Nullable String name, @Nullable String text) {

}
