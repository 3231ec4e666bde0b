import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/**
 * One decorator per field kind applies both the validation rule and its OpenAPI description, so the
 * published schema always states exactly what the validator enforces.
 */
interface FieldOptions {
  optional?: boolean;
  description?: string;
  example?: unknown;
}

function field(options: FieldOptions, api: ApiPropertyOptions, ...rules: PropertyDecorator[]) {
  const { optional = false, description, example } = options;
  return applyDecorators(
    // Optional: absent or null (IsOptional lets both through), as the schema says.
    ApiProperty({
      ...api,
      required: !optional,
      ...(optional ? { nullable: true } : {}),
      description,
      example,
    } as ApiPropertyOptions),
    // Required: present and not null (ValidateNested alone lets a missing object through).
    ...(optional ? [IsOptional()] : [IsDefined()]),
    ...rules,
  );
}

export function TextField(options: FieldOptions & { max: number; min?: number }) {
  const min = options.min ?? 1;
  return field(
    options,
    { type: String, minLength: min, maxLength: options.max },
    IsString(),
    MinLength(min),
    MaxLength(options.max),
  );
}

export function PatternField(
  options: FieldOptions & { pattern: RegExp; max: number; message: string },
) {
  return field(
    options,
    { type: String, pattern: options.pattern.source, maxLength: options.max },
    IsString(),
    MaxLength(options.max),
    Matches(options.pattern, { message: `$property ${options.message}` }),
  );
}

export function EnumField(
  values: readonly string[],
  options: FieldOptions & { array?: boolean; maxItems?: number } = {},
) {
  if (options.array) {
    return field(
      options,
      { enum: values, isArray: true, maxItems: options.maxItems },
      IsArray(),
      ArrayMaxSize(options.maxItems ?? values.length),
      IsIn(values, { each: true }),
    );
  }
  return field(options, { enum: values, type: String }, IsIn(values));
}

export function BooleanField(options: FieldOptions = {}) {
  return field(options, { type: Boolean }, IsBoolean());
}

export function IntField(options: FieldOptions & { min: number; max: number }) {
  return field(
    options,
    { type: 'integer', minimum: options.min, maximum: options.max },
    IsInt(),
    Min(options.min),
    Max(options.max),
  );
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date, `YYYY-MM-DD`. */
export function DateField(options: FieldOptions = {}) {
  return field(
    options,
    { type: String, format: 'date' },
    Matches(DATE_ONLY, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
}

/** An instant, ISO 8601 with time zone. */
export function DateTimeField(options: FieldOptions = {}) {
  return field(
    options,
    { type: String, format: 'date-time' },
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time' }),
  );
}

export function NestedField(
  type: () => new () => object,
  options: FieldOptions & { array?: boolean; maxItems?: number } = {},
) {
  const api: ApiPropertyOptions = options.array
    ? { type: type(), isArray: true, maxItems: options.maxItems }
    : { type: type() };
  // IsObject too: ValidateNested lets a null, a number or an array through as an item or a value.
  const rules = options.array
    ? [
        IsArray(),
        ArrayMaxSize(options.maxItems ?? 50),
        IsObject({ each: true, message: 'each item must be an object' }),
        ValidateNested({ each: true }),
      ]
    : [IsObject(), ValidateNested()];
  return field(options, api, Type(type), ...rules);
}

/** `FR-71` (Saône-et-Loire), `FR-82` (Tarn-et-Garonne), `BE-ZP-5339` (a Belgian police zone). */
export const JURISDICTION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,8}){1,3}$/;

export function JurisdictionField(options: FieldOptions = {}) {
  return PatternField({
    pattern: JURISDICTION_PATTERN,
    max: 32,
    message: 'must be a jurisdiction code such as FR-82 or BE-ZP-5339',
    example: 'FR-82',
    ...options,
  });
}

/** An E.164 phone number. */
export function PhoneField(options: FieldOptions = {}) {
  return PatternField({
    pattern: /^\+[1-9][0-9]{6,14}$/,
    max: 16,
    message: 'must be an E.164 phone number such as +33612345678',
    ...options,
  });
}
