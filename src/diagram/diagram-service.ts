import { LruMap } from '../lru';
import type { VerifyResult } from '../network/verify-types';
import type { RequiredRules } from '../planning/types';
import type { DiagramImageStore } from './image-store';
import { ON_PREM_TOPOLOGIES, PEERED_TOPOLOGIES, topologyScene, type PlanDiagramInput } from './topology-scene';
import { verifyScene } from './verify-scene';

export interface DiagramImage {
  url: string;
  altText: string;
}

/** Draws plan and verification diagrams and hands back the URL a card's Image element points to. */
export class DiagramService {
  /** The same plan drawn again (many threads, the same answers) reuses its image while the store still holds it. */
  private readonly recentPlans = new LruMap<string, { id: string; image: DiagramImage }>(200);

  constructor(
    private readonly store: DiagramImageStore,
    /** The bot's public base URL, e.g. https://mybot.azurewebsites.net (http://localhost:3978 locally). */
    private readonly publicUrl: string,
  ) {}

  /** `key` stands for the whole input; a caller that knows a shorter one that determines it saves serialising it. */
  async planDiagram(input: PlanDiagramInput, key = JSON.stringify(input)): Promise<DiagramImage> {
    const recent = this.recentPlans.get(key);
    if (recent && this.store.isFresh(recent.id)) return recent.image;
    const id = await this.store.put(topologyScene(input));
    const source = ON_PREM_TOPOLOGIES.includes(input.topology)
      ? 'the source network, the gateway'
      : 'the source VM subnet';
    const vnets = PEERED_TOPOLOGIES.includes(input.topology) ? 'in peered virtual networks' : 'in one virtual network';
    const image = {
      url: this.urlOf(id),
      altText: `Diagram of ${input.title}: ${source}, the DMS and MI subnets ${vnets}, and the NSG rules of the DMS subnet.`,
    };
    this.recentPlans.set(key, { id, image });
    return image;
  }

  async verifyDiagram(result: VerifyResult, rules: RequiredRules, sourceRanges: string[]): Promise<DiagramImage> {
    const id = await this.store.put(verifyScene(result, rules, sourceRanges));
    const failing = result.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    return {
      url: this.urlOf(id),
      altText: `Diagram of the verified network (${result.topology ?? 'no recognised topology'}); ${failing.length === 0 ? 'no failing checks' : `failing in red: ${failing.join(', ')}`}.`,
    };
  }

  private urlOf(id: string): string {
    return `${this.publicUrl.replace(/\/+$/, '')}/diagrams/${id}.png`;
  }
}
