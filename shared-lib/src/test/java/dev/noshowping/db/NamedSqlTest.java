package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namesBecomePlaceholdersNumberedInOrder() {
        NamedSql sql = NamedSql.parse("insert into t (a, b, c) values (:a, :b_2, :a)");
        assertThat(sql.jdbc()).isEqualTo("insert into t (a, b, c) values (?, ?, ?)");
        assertThat(sql.positions("a")).containsExactly(1, 3);
        assertThat(sql.positions("b_2")).containsExactly(2);
        assertThat(sql.parameterCount()).isEqualTo(3);
        assertThat(sql.nameAt(3)).isEqualTo("a");
    }

    @Test
    void aCastIsNoParameter() {
        NamedSql sql = NamedSql.parse("select :day::date, :amount::bigint, now()::text");
        assertThat(sql.jdbc()).isEqualTo("select ?::date, ?::bigint, now()::text");
        assertThat(sql.parameterCount()).isEqualTo(2);
    }

    @Test
    void aColonInAStringLiteralIsNoParameter() {
        NamedSql sql = NamedSql.parse("select 'at :noon, it''s 12:00' || :suffix, e'\\\\:x'");
        assertThat(sql.jdbc()).isEqualTo("select 'at :noon, it''s 12:00' || ?, e'\\\\:x'");
        assertThat(sql.parameterCount()).isEqualTo(1);
        assertThat(sql.positions("suffix")).containsExactly(1);
    }

    @Test
    void quotedIdentifiersCommentsAndSlicesAreLeftAlone() {
        String text = """
                select "odd:name", a[lo:hi], a[1:2] -- a :comment
                /* and :another */ from t where id = :id""";
        NamedSql sql = NamedSql.parse(text);
        assertThat(sql.jdbc()).isEqualTo(text.replace(":id", "?"));
        assertThat(sql.parameterCount()).isEqualTo(1);
    }

    @Test
    void anUnknownNameIsRefusedNamingIt() {
        NamedSql sql = NamedSql.parse("select :a");
        assertThatThrownBy(() -> sql.positions("b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":b");
    }

    @Test
    void aBareQuestionMarkOrAnOpenLiteralIsRefused() {
        assertThatThrownBy(() -> NamedSql.parse("select ? , :a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamedSql.parse("select 'open :a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(NamedSql.parse("select '?'").jdbc()).isEqualTo("select '?'");
    }
}
