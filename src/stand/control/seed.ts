// The control API's seeding: staging users, children, certificates (the Navigator) and
// applications (the registry) as tests and rehearsals need them, past the pages' own checks.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StandContext } from '../context.js';
import { DOCUMENT_TYPES, type ApiId, type DocumentType } from '../state.js';
import { bad } from './answer.js';

const userBody = z.object({
  email: z.string().trim().min(3),
  lastName: z.string().trim().min(1),
  firstName: z.string().trim().min(1),
  patronymic: z.string().trim().default(''),
  phone: z.string().default('71111111111'),
  municipality: z.string().optional(),
  password: z.string().default('password'),
  resident: z.boolean().default(true),
  verified: z.boolean().default(false),
  /** Create even when the e-mail is taken (to stage a duplicate account). */
  allowDuplicate: z.boolean().default(false),
});

const childBody = z.object({
  /** The user's id as the state dump shows it (a number, or a string in the `uuid` variant). */
  userId: z.union([z.number().int(), z.string().trim().min(1)]),
  lastName: z.string().trim().default(''),
  firstName: z.string().trim().min(1),
  patronymic: z.string().trim().default(''),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sex: z.enum(['male', 'female']),
  confirmed: z.boolean().default(false),
});

const certificateBody = z.object({
  /** The child's id as the state dump shows it (a number, or a string in the `uuid` variant). */
  childId: z.union([z.number().int(), z.string().trim().min(1)]),
  type: z.enum(['accounting', 'unconfirmed', 'funding']).default('accounting'),
  denomination: z.number().min(0).default(0),
});

const applicationBody = z.object({
  /** Given: used as is (must be free); absent: the next number. */
  number: z.string().trim().min(1).optional(),
  certificateNumber: z.string().trim().min(1).optional(),
  child: z.object({
    lastName: z.string().trim().min(1),
    firstName: z.string().trim().min(1),
    patronymic: z.string().trim().default(''),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sex: z.enum(['male', 'female']),
    documentType: z.enum(DOCUMENT_TYPES as [DocumentType, ...DocumentType[]]),
    /** Stored as given, unchecked: a seed may stage a wrongly typed series. */
    documentSeries: z.string().trim().default(''),
    documentNumber: z.string().trim().min(1),
  }),
  over14: z.boolean().default(false),
  /** Absent with over14: the child's name, phone 79990000000, e-mail child@example.ru. */
  applicant: z
    .object({
      lastName: z.string().trim().min(1),
      firstName: z.string().trim().min(1),
      patronymic: z.string().trim().default(''),
      phone: z.string().default('79990000000'),
      email: z.string().trim().default('applicant@example.ru'),
    })
    .optional(),
  municipality: z.string().optional(),
  pdConfirmed: z.boolean().default(false),
  documentsReceived: z.boolean().default(false),
  refused: z.boolean().default(false),
  refuseReason: z.string().nullable().default(null),
  /** Create even when an application for the same document exists (to stage a duplicate). */
  allowDuplicate: z.boolean().default(false),
});

function publicUser(ctx: StandContext, id: ApiId) {
  return ctx.state.dump().users.find((u) => u.id === id);
}

/** `POST /__stand/confirm-email`, `/users`, `/children`, `/certificates`: the Navigator's records. */
export function registerNavigatorSeeds(app: FastifyInstance, ctx: StandContext): void {
  app.post('/__stand/confirm-email', async (request, reply) => {
    const parsed = z.object({ email: z.string().min(1) }).safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const user = ctx.state.findUserByEmail(parsed.data.email);
    if (!user) return bad(reply, `no user with e-mail ${parsed.data.email}`, 404);
    user.verified = true;
    return publicUser(ctx, user.apiId);
  });

  app.post('/__stand/users', async (request, reply) => {
    const parsed = userBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const { allowDuplicate, municipality, phone, ...rest } = parsed.data;
    if (!allowDuplicate && ctx.state.findUserByEmail(rest.email)) return bad(reply, `e-mail ${rest.email} is taken`, 409);
    const user = ctx.state.addUser({
      ...rest,
      phone: phone.replace(/\D/g, ''),
      municipality: municipality ?? ctx.settings.municipalities[0] ?? '',
      consent: true,
    });
    return reply.code(201).send(publicUser(ctx, user.apiId));
  });

  app.post('/__stand/children', async (request, reply) => {
    const parsed = childBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const { confirmed, userId, ...input } = parsed.data;
    const user = ctx.state.user(userId);
    if (!user) return bad(reply, `no user ${userId}`, 404);
    const child = ctx.state.addChild({ ...input, userId: user.id });
    child.confirmed = confirmed;
    return reply.code(201).send(ctx.state.dump().children.find((c) => c.id === child.apiId));
  });

  // A certificate with the next number, as the panel would issue it (no rule checked: a seed may
  // stage a second accounting certificate of one child, as another installation or a person can).
  app.post('/__stand/certificates', async (request, reply) => {
    const parsed = certificateBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const child = ctx.state.child(parsed.data.childId);
    if (!child) return bad(reply, `no child ${parsed.data.childId}`, 404);
    const certificate = ctx.state.addCertificate(child.id, parsed.data.type, parsed.data.denomination);
    return reply.code(201).send(ctx.state.dump().certificates.find((c) => c.id === certificate.apiId));
  });
}

/** `POST /__stand/applications`: an application in the registry app. */
export function registerRegistrySeeds(app: FastifyInstance, ctx: StandContext): void {
  app.post('/__stand/applications', async (request, reply) => {
    const parsed = applicationBody.safeParse(request.body ?? {});
    if (!parsed.success) return bad(reply, parsed.error);
    const { allowDuplicate, applicant, municipality, ...rest } = parsed.data;
    if (!applicant && !rest.over14) return bad(reply, 'applicant: required unless over14 is true');
    if (rest.number && ctx.state.applicationByNumber(rest.number)) return bad(reply, `application number ${rest.number} is taken`, 409);
    if (rest.certificateNumber && ctx.state.applications.some((a) => a.certificateNumber === rest.certificateNumber)) {
      return bad(reply, `certificate number ${rest.certificateNumber} is taken`, 409);
    }
    const earlier = ctx.state.applicationForDocument(rest.child);
    if (earlier && !allowDuplicate) return bad(reply, `an application for this document exists: ${earlier.number}`, 409);
    const { number, certificateNumber, ...fields } = rest;
    const who = applicant ?? { lastName: rest.child.lastName, firstName: rest.child.firstName, patronymic: rest.child.patronymic, phone: '79990000000', email: 'child@example.ru' };
    const a = ctx.state.addApplication({
      ...fields,
      ...(number ? { number } : {}),
      ...(certificateNumber ? { certificateNumber } : {}),
      applicant: { ...who, phone: who.phone.replace(/\D/g, '') },
      municipality: municipality ?? ctx.settings.municipalities[0] ?? '',
    });
    return reply.code(201).send(ctx.state.applicationView(a));
  });
}
