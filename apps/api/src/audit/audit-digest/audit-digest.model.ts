import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ObjectType('AuditDigest', {
  description:
    'A fingerprint of the whole event history up to asOf. Store it outside the system: recomputed later for the same asOf it is the same, unless history before asOf was changed.',
})
export class AuditDigestModel {
  @Field(() => DateTimeScalar)
  asOf!: string;

  @Field({
    description: 'SHA-256 (hex) over every stream head as of asOf; the hashes are recomputed, not read.',
  })
  digest!: string;

  @Field(() => Int, { description: 'Streams with an event by asOf.' })
  streams!: number;

  @Field(() => Int, { description: 'Events the digest covers.' })
  events!: number;
}
