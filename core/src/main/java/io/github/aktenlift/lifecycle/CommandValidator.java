package io.github.aktenlift.lifecycle;

import io.github.aktenlift.InvalidCommandException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jakarta Validation of commands and values with Hibernate Validator. Messages name the field path
 * and the constraint, never the rejected value (no expression language, so no
 * {@code ${validatedValue}} can leak personal data); they are built only for violations. Thread-safe.
 *
 * <p>One validator factory serves the whole JVM: it holds the constraint metadata of every class
 * validated, which Hibernate Validator builds by reflection on first use (tens of milliseconds per
 * instance, per delivery index class and command class). Each instance takes its own validator from
 * it, judging {@code @Past} and {@code @PastOrPresent} by its own clock.
 */
public final class CommandValidator implements AutoCloseable {

    /** Built on first use, never closed: it only holds caches, and every engine shares them. */
    private static volatile ValidatorFactory shared;

    private final Validator validator;

    /** @param clock the clock {@code @Past} and {@code @PastOrPresent} are judged by: the injected one */
    public CommandValidator(java.time.Clock clock) {
        validator = factory().usingContext().clockProvider(() -> clock).getValidator();
    }

    private static ValidatorFactory factory() {
        ValidatorFactory f = shared;
        if (f == null) {
            synchronized (CommandValidator.class) {
                f = shared;
                if (f == null) {
                    f = Validation.byProvider(HibernateValidator.class).configure()
                            .messageInterpolator(new ParameterMessageInterpolator())
                            .buildValidatorFactory();
                    shared = f;
                }
            }
        }
        return f;
    }

    /**
     * @param name what is validated, for the exception
     * @param bean the command or value
     * @throws InvalidCommandException listing every violated field
     */
    public void check(String name, Object bean) {
        Set<ConstraintViolation<Object>> found = validator.validate(bean);
        if (!found.isEmpty()) {
            // a record component's constraint applies to field and accessor alike: report each path once
            TreeSet<String> seen = new TreeSet<>();
            List<InvalidCommandException.FieldViolation> list = found.stream()
                    .map(v -> new InvalidCommandException.FieldViolation(v.getPropertyPath().toString(), v.getMessage()))
                    .filter(v -> seen.add(v.path() + "\u0000" + v.message()))
                    .sorted((a, b) -> a.path().compareTo(b.path()) != 0 ? a.path().compareTo(b.path())
                            : a.message().compareTo(b.message()))
                    .toList();
            throw new InvalidCommandException(name, list);
        }
    }

    /** Nothing to release: the factory is shared (see the class comment). */
    @Override
    public void close() {
        // the shared factory outlives every engine
    }
}
