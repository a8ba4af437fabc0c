package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> CAPS = List.of(
            "cap_fs_read_workspace_tree",
            "cap_fs_write_workspace_tree",
            "cap_fs_write_user_home",
            "cap_net_outbound_any",
            "cap_net_localhost_only");

    @Test
    void levenshteinCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("", "")).isZero();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("abc", "")).isEqualTo(3);
        assertThat(Suggestions.distance("fx_read_ws", "fx_red_ws")).isEqualTo(1);
    }

    @Test
    void typosSuggestTheNearestIdsFirst() {
        assertThat(Suggestions.nearest("cap_fs_red_workspace_tree", CAPS))
                .first()
                .isEqualTo("cap_fs_read_workspace_tree");
        assertThat(Suggestions.nearest("cap_fs_write_workspace", CAPS))
                .first()
                .isEqualTo("cap_fs_write_workspace_tree");
        assertThat(Suggestions.nearest("CAP_NET_OUTBOUND_ANY", CAPS)).containsExactly("cap_net_outbound_any");
    }

    @Test
    void nothingCloseMeansNoSuggestionAndTheHint() {
        assertThat(Suggestions.nearest("zzz", CAPS)).isEmpty();
        assertThat(Suggestions.unknown("capability", "zzz", "catalog x", CAPS, "no capability id is close"))
                .isEqualTo("unknown capability \"zzz\" in catalog x; no capability id is close");
        assertThat(Suggestions.unknown("capability", "cap_net_outbund_any", "catalog x", CAPS, "-"))
                .isEqualTo(
                        "unknown capability \"cap_net_outbund_any\" in catalog x; did you mean cap_net_outbound_any?");
    }
}
