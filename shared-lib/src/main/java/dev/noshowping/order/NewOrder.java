package dev.noshowping.order;

/** {@code POST /orders} body. */
public record NewOrder(Long articleId) {
}
