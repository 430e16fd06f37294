import { randomBytes } from 'node:crypto';
import { type Db, withTenant } from '../db/database.ts';
import { insertOffice } from '../repositories/office.repository.ts';
import { assignStaffToOffice, insertStaff } from '../repositories/staff.repository.ts';
import { createContract } from './contract.service.ts';

export const DEMO_CONTRACT_ID = 'demo';
export const DEMO_ADMIN_EMAIL = 'admin@demo.example.com';

/**
 * On the first start of an empty database, creates the demo contract (契約ID demo, エンタープライズ)
 * with a few offices and staff. Returns the generated administrator password, which the caller
 * prints once; returns null when the database already had contracts.
 */
export async function seedDemoIfEmpty(db: Db): Promise<{ email: string; password: string } | null> {
  const any = await db.selectFrom('contracts').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const password = randomBytes(12).toString('base64url');
  const created = await createContract(db, {
    contractId: DEMO_CONTRACT_ID,
    name: 'デモ株式会社',
    plan: 'enterprise',
    adminEmail: DEMO_ADMIN_EMAIL,
    adminPassword: password,
    adminName: '管理 太郎',
  });
  await withTenant(db, created.contractId, async (trx) => {
    const shinjuku = await insertOffice(trx, created.contractId, {
      name: '新宿店',
      shortName: '新宿',
      kana: 'シンジュクテン',
    });
    const shibuya = await insertOffice(trx, created.contractId, {
      name: '渋谷店',
      shortName: '渋谷',
      kana: 'シブヤテン',
    });
    const people = [
      { name: '山田 花子', kana: 'ヤマダ ハナコ', code: '1001', office: created.headOfficeId },
      { name: '佐藤 一郎', kana: 'サトウ イチロウ', code: '1002', office: shinjuku.id },
      { name: '鈴木 美咲', kana: 'スズキ ミサキ', code: '1003', office: shinjuku.id },
      { name: '高橋 健', kana: 'タカハシ ケン', code: '1004', office: shibuya.id },
      { name: '田中 さくら', kana: 'タナカ サクラ', code: '1005', office: shibuya.id },
    ];
    for (const person of people) {
      const staff = await insertStaff(trx, created.contractId, {
        name: person.name,
        kana: person.kana,
        code: person.code,
      });
      await assignStaffToOffice(trx, created.contractId, staff.id, person.office);
    }
  });
  return { email: DEMO_ADMIN_EMAIL, password };
}
