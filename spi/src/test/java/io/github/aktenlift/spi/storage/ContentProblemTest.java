package io.github.aktenlift.spi.storage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Problems of a content listing")
class ContentProblemTest {

    @Test
    @DisplayName("a foreign name is escaped so that it cannot forge a log line; a legal key is kept as it is")
    void escaping() {
        ContentProblem forged = ContentProblem.foreign("a\nINFO forged\\line\u0085", "foreign");
        assertThat(forged.key()).isEqualTo("a\\u000aINFO forged\\u005cline\\u0085").doesNotContain("\n");
        assertThat(forged.legalKey()).isEmpty();
        assertThat(ContentProblem.foreign("folder/", "marker").legalKey()).isEmpty();

        Key odd = Key.of("quote\"and'apostrophe/ümlaut");
        ContentProblem damaged = ContentProblem.damaged(odd, "malformed");
        assertThat(damaged.key()).isEqualTo(odd.value());
        assertThat(damaged.legalKey()).contains(odd);
        assertThat(damaged.reason()).isEqualTo(ContentProblem.Reason.DAMAGED);
    }

    @Test
    @DisplayName("needs a key, a reason and a detail")
    void checks() {
        assertThatThrownBy(() -> ContentProblem.foreign("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentProblem("k", null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ContentProblem("k", ContentProblem.Reason.FOREIGN, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("a page built as before issue 20 has no problems; the lists are copies")
    void pageCompatibility() {
        ContentInfo info = new ContentInfo(Key.of("a"), 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        ContentPage old = new ContentPage(List.of(info), Optional.empty());
        assertThat(old.problems()).isEmpty();
        List<ContentProblem> problems = new java.util.ArrayList<>(List.of(ContentProblem.foreign("x/", "marker")));
        ContentPage page = new ContentPage(List.of(info), Optional.of(Key.of("a")), problems);
        problems.clear();
        assertThat(page.problems()).hasSize(1);
    }
}
