package dev.codexfence.assertj;

import org.assertj.core.description.Description;
import org.assertj.core.error.DescriptionFormatter;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;

/**
 * A failure message taken as it is: records quote commands, messages and output that may hold {@code %}
 * (printf formats, percentages), which AssertJ's own message formatting would read as format specifiers.
 * An {@code as(...)} description still leads it.
 */
record LiteralMessage(String text) implements ErrorMessageFactory {

    @Override
    public String create(Description description, Representation representation) {
        return create(description);
    }

    @Override
    public String create(Description description) {
        return DescriptionFormatter.instance().format(description) + text;
    }

    @Override
    public String create() {
        return text;
    }
}
