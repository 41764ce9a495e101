const WHAT: Record<string, string> = {
  hosts: 'SSH hosts from your ~/.ssh/config and inventory, with terminals, SFTP and port forwards.',
  deployments: 'Recipes as files: a plan before the run, rolling batches with health gates and rollback.',
};

/** A capability that is not built yet says so plainly: no sample data pretending to be real. */
export function NotBuiltYet({ view, title }: { view: string; title: string }) {
  return (
    <section className="not-built" aria-label={title}>
      <h1>{title}</h1>
      <p className="not-built-status">Not built yet in this version.</p>
      <p>{WHAT[view]}</p>
      <p className="hint">Terminals, Hosts (SSH), Clusters (Kubernetes), Cloud (AWS EC2), Logs and Settings work today.</p>
    </section>
  );
}
