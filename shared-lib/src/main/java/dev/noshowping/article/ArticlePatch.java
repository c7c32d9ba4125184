package dev.noshowping.article;

/** {@code PATCH /articles/{id}} body: the version read, and what changes. */
public record ArticlePatch(Integer version, String title, String description, Long salePrice) {
}
