/**
 * What every tuple of one (component, stream) shares: the source component, the stream id and its
 * fields. One object per stream, so a tuple carries one reference instead of three.
 */
import type { Fields } from '../../api/fields.js';

export class StreamSchema {
  constructor(
    readonly component: string,
    readonly stream: string,
    readonly fields: Fields,
    readonly direct: boolean,
  ) {}
}
