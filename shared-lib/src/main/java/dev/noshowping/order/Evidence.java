package dev.noshowping.order;

import dev.noshowping.domain.Invalid;
import dev.noshowping.domain.Validation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;

/** Screenshots attached to an order: the seller's proof of transfer, the buyer's dispute evidence. */
final class Evidence {

    enum Kind { TRANSFER_PROOF, DISPUTE }

    static final int MAX = 5;

    private Evidence() {
    }

    /** Checks the list's shape: at most {@link #MAX}, positive ids, no repeats. */
    static void validate(Validation v, List<Long> ids) {
        if (ids == null) {
            return;
        }
        v.check(ids.size() <= MAX, "screenshotIds", "at most " + MAX + " screenshots");
        v.check(ids.stream().allMatch(id -> id != null && id > 0), "screenshotIds", "must be screenshot ids");
        v.check(new LinkedHashSet<>(ids).size() == ids.size(), "screenshotIds", "must not repeat a screenshot");
    }

    /**
     * Attaches the screenshots to the order: each must be the caller's, uploaded, and attached to
     * nothing yet. One statement; if any does not qualify, nothing is attached and the request is
     * refused naming the field (the caller's transaction rolls back).
     */
    static void attach(Connection c, long orderId, long ownerUserId, List<Long> ids, Kind kind) throws SQLException {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into order_evidence (order_id, screenshot_id, kind)
                select ?, sc.id, ? from screenshot sc
                where sc.id = any(?) and sc.owner_user_id = ? and sc.status = 'UPLOADED'
                  and not exists (select 1 from order_evidence e where e.screenshot_id = sc.id)""")) {
            s.setLong(1, orderId);
            s.setString(2, kind.name());
            s.setArray(3, c.createArrayOf("bigint", ids.toArray()));
            s.setLong(4, ownerUserId);
            if (s.executeUpdate() != ids.size()) {
                throw new Invalid("screenshotIds",
                        "must be screenshots you uploaded and have not attached elsewhere");
            }
        }
    }

    static List<Long> of(Connection c, long orderId, Kind kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select screenshot_id from order_evidence where order_id = ? and kind = ? order by screenshot_id")) {
            s.setLong(1, orderId);
            s.setString(2, kind.name());
            var ids = new java.util.ArrayList<Long>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("screenshot_id"));
                }
            }
            return ids;
        }
    }
}
