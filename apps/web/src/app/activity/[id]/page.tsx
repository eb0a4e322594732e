import { AttemptDetailView } from '../../../components/activity/attempt-detail';

export default async function AttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="page activity-page">
      <AttemptDetailView id={id} />
    </main>
  );
}
