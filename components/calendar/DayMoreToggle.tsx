import { Button } from '../ui/Button';
interface Props {
  /** The day's label as its heading shows it, e.g. "Mon, Nov 3": the button names its day. */
  dayLabel: string;
  /** Posts the collapsed day leaves out. */
  hiddenCount: number;
  isExpanded: boolean;
  /** The id of the day's list of posts, which this button shortens or lengthens. */
  controls: string;
  onToggle: () => void;
}

/**
 * "+N more" under a busy day of the month view, and "Show fewer" once it is open. One button
 * that stays in place either way, so focus stays on it while the chips above it come and go.
 * Its name starts with the words it shows ("+12 more posts on Mon, Nov 3"), so a speech-input user
 * can say what they see (WCAG 2.5.3, Label in Name); aria-expanded says it shows or hides them.
 * `data-hidden-count` lets the benchmark (bench/plan.ts) account for every post of the month.
 */
export function DayMoreToggle({ dayLabel, hiddenCount, isExpanded, controls, onToggle }: Props) {
  const posts = hiddenCount === 1 ? 'post' : 'posts';
  return (
    <Button
      type="button"
      className="day__more"
      aria-expanded={isExpanded}
      aria-controls={controls}
      aria-label={isExpanded ? `Show fewer posts on ${dayLabel}` : `+${hiddenCount} more ${posts} on ${dayLabel}`}
      data-hidden-count={isExpanded ? 0 : hiddenCount}
      onClick={onToggle}
    >
      {isExpanded ? 'Show fewer' : `+${hiddenCount} more`}
    </Button>
  );
}
