package dev.warren.publisher.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.warren.common.ChannelName;

/**
 * A client id, topic or rabbit channel name: 1 to 128 characters of
 * {@code [A-Za-z0-9_.-]} ({@link ChannelName}). {@code null} is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = ValidChannelName.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidChannelName {

	String message() default "must be 1-128 characters of [A-Za-z0-9_.-]";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/**
	 * Checks with {@link ChannelName#isValid(CharSequence)}.
	 */
	class Validator implements ConstraintValidator<ValidChannelName, CharSequence> {

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return value == null || ChannelName.isValid(value);
		}

	}

}
