package dev.noshowping.identity;

/** What a signed-in caller may do beyond their own resources. */
public enum Role {
    USER, ADMIN
}
