package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import org.junit.jupiter.api.Test;

class ExpectedOutcomeTest {

    private static BoundaryObject.Result result(ObservedResult r, String errno) {
        return new BoundaryObject.Result(r, 1, errno, "m", null);
    }

    @Test
    void parsesTheFileFormWithAndWithoutErrno() {
        assertThat(ExpectedOutcome.parse("denied EROFS"))
                .isEqualTo(new ExpectedOutcome(ObservedResult.DENIED, "EROFS"));
        assertThat(ExpectedOutcome.parse("success")).isEqualTo(new ExpectedOutcome(ObservedResult.SUCCESS, null));
        assertThat(ExpectedOutcome.parse("error EAI_AGAIN").text()).isEqualTo("error EAI_AGAIN");
        assertThat(ExpectedOutcome.parse("denied EPERM").describe()).isEqualTo("denied (EPERM)");
    }

    @Test
    void rejectsAnythingElseSayingWhatIsExpected() {
        for (String bad :
                new String[] {"Denied", "denied  EROFS", "denied erofs", "blocked", "success ", "", "denied 13"}) {
            assertThatThrownBy(() -> ExpectedOutcome.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected success, denied, partial or error");
        }
    }

    @Test
    void anErrnoIsCheckedOnlyWhenExpected() {
        ExpectedOutcome deniedAny = ExpectedOutcome.parse("denied");
        ExpectedOutcome deniedRofs = ExpectedOutcome.parse("denied EROFS");
        assertThat(deniedAny.admits(result(ObservedResult.DENIED, "EPERM"))).isTrue();
        assertThat(deniedRofs.admits(result(ObservedResult.DENIED, "EROFS"))).isTrue();
        assertThat(deniedRofs.admits(result(ObservedResult.DENIED, "EPERM"))).isFalse();
        assertThat(deniedRofs.admits(result(ObservedResult.SUCCESS, null))).isFalse();
        assertThat(ExpectedOutcome.parse("success").admits(result(ObservedResult.PARTIAL, null)))
                .isFalse();
    }
}
