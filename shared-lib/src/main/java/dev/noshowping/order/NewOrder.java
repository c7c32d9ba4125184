package dev.noshowping.order;

/** {@code POST /orders} body: the article, and the name (and phone) the booking is to be put in. */
public record NewOrder(Long articleId, String guestName, String guestPhone) {
}
