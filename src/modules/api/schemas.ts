// Shared JSON shapes of the API, written once so the OpenAPI document and the
// validation are the same thing.
import { Type } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. "forbidden", "validation_failed".' }),
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), code: Type.String(), message: Type.String() }))),
    }),
    requestId: Type.String(),
  },
  { $id: 'Error', description: 'Every error of the API has this shape.' },
);

export const errorResponses = {
  400: { $ref: 'Error#' },
  401: { $ref: 'Error#' },
  403: { $ref: 'Error#' },
  404: { $ref: 'Error#' },
  422: { $ref: 'Error#' },
  429: { $ref: 'Error#' },
} as const;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  headName: Type.Union([Type.String(), Type.Null()]),
  headTitle: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  functions: Type.Union([Type.String(), Type.Null()]),
  siteUrl: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
});

export const UnitInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    kind: Type.String({ maxLength: 20 }),
    parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    headName: Type.Optional(Type.Union([Type.String({ maxLength: 120 }), Type.Null()])),
    headTitle: Type.Optional(Type.Union([Type.String({ maxLength: 120 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254, format: 'email' }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    functions: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    siteUrl: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    sortOrder: Type.Optional(Type.Integer({ minimum: -9999, maximum: 9999 })),
  },
  { additionalProperties: false },
);
