import { useQuery } from '@tanstack/react-query';
import { pointsApi, pointsKeys, type RuleOut, type RulebookSummary } from '../../api/points.ts';
import { todayInShanghai } from '../../components/format.ts';

/** In force on a day: activated, started, and not yet retired (a revision retires it from its start). */
export function inForce(b: Pick<RulebookSummary, 'status' | 'effectiveFrom' | 'effectiveTo'>, day: string) {
  return (
    b.status !== 'draft' &&
    !!b.effectiveFrom &&
    b.effectiveFrom <= day &&
    (!b.effectiveTo || b.effectiveTo > day)
  );
}

/**
 * The rulebook residents declare under today: the community's own if it has one in force, else its
 * subdistrict's. The list defaults to the actor's first grant unit, whose ancestors publish rulebooks.
 */
export function useRulebookInForce(communityId?: string) {
  const list = useQuery({
    queryKey: [...pointsKeys.rulebooks, 'mine'],
    queryFn: () => pointsApi.rulebooks(),
  });
  const today = todayInShanghai();
  const current = (list.data ?? []).filter((b) => inForce(b, today));
  const pick = current.find((b) => b.orgUnitId === communityId) ?? current[0];
  const book = useQuery({
    queryKey: pointsKeys.rulebook(pick?.id ?? ''),
    queryFn: () => pointsApi.rulebook(pick!.id),
    enabled: !!pick,
  });
  const rules: RuleOut[] = (book.data?.chapters ?? []).flatMap((c) => c.articles.flatMap((a) => a.rules));
  return {
    book: book.data,
    rules,
    isPending: list.isPending || (!!pick && book.isPending),
    error: list.error ?? book.error,
    none: list.isSuccess && !pick,
  };
}
