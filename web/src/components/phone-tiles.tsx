import { Badge, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The phone home is a column of sections, one per module, each a heading over a grid of tiles. Every
 * module's tiles file says which tiles its user gets; the look lives here, once.
 */
export function TileSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }} aria-label={title}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <div className="linli-tiles">{children}</div>
    </section>
  );
}

export type TileProps = {
  to: string;
  icon: ReactNode;
  label: string;
  testId: string;
  /** A short line under the label ("1 件在借"). */
  hint?: ReactNode;
  /** A count on the icon (a queue waiting for this person); 0 shows nothing. */
  badge?: number;
};

export function Tile({ to, icon, label, testId, hint, badge }: TileProps) {
  return (
    <Link to={to} className="linli-tile" data-testid={testId}>
      <span className="linli-tile-icon">
        {badge === undefined ? (
          icon
        ) : (
          <Badge count={badge} size="small" offset={[6, -2]}>
            <span className="linli-tile-icon">{icon}</span>
          </Badge>
        )}
      </span>
      <span>{label}</span>
      {hint ? <span className="linli-muted">{hint}</span> : null}
    </Link>
  );
}
