import { Identity1795328308382 } from './1795328308382-Identity';
import { Movements1795329437748 } from './1795329437748-Movements';
import { Workflow1795330323183 } from './1795330323183-Workflow';
import { QueueIndexes1795331034222 } from './1795331034222-QueueIndexes';
import { Decisions1795331462561 } from './1795331462561-Decisions';
import { Corrections1795333251399 } from './1795333251399-Corrections';
import { DossierCounts1795336189598 } from './1795336189598-DossierCounts';
import { RefreshReuse1795338019341 } from './1795338019341-RefreshReuse';
import { DossierAwardForms1795336858466 } from './1795336858466-DossierAwardForms';
import { CorrectedLines1795437571752 } from './1795437571752-CorrectedLines';
import { DossierRequestKey1795444306421 } from './1795444306421-DossierRequestKey';
import { ReportDrafts1795445820626 } from './1795445820626-ReportDrafts';
import { RegisterSearch1795447784262 } from './1795447784262-RegisterSearch';
import { AuthorityLife1795450155044 } from './1795450155044-AuthorityLife';
import { PersonCases1795450580730 } from './1795450580730-PersonCases';
import { DecisionBaseSalary1795450983853 } from './1795450983853-DecisionBaseSalary';
import { AwardFormLawTitle1795451241980 } from './1795451241980-AwardFormLawTitle';
import { PersonRatings1795453299636 } from './1795453299636-PersonRatings';
import { AuthoritySuccessor1795460000000 } from './1795460000000-AuthoritySuccessor';
import { PersonInitiatives1796447161616 } from './1796447161616-PersonInitiatives';
import { NomineeAttestations1796448372554 } from './1796448372554-NomineeAttestations';
import { QuotaCitation1796448629858 } from './1796448629858-QuotaCitation';
import { ProvincialTexts1796448801667 } from './1796448801667-ProvincialTexts';
import { AuthorityEmblem1796449356742 } from './1796449356742-AuthorityEmblem';
import { UnitRatings1796449550545 } from './1796449550545-UnitRatings';
import { DecisionWording1796449849813 } from './1796449849813-DecisionWording';
import { RecordedAwards1796451517659 } from './1796451517659-RecordedAwards';
import { HigherDecisions1796459247940 } from './1796459247940-HigherDecisions';
import { AwardFund1796460171702 } from './1796460171702-AwardFund';
import { Publicity1796469901057 } from './1796469901057-Publicity';
import { Signing1796471399243 } from './1796471399243-Signing';
import { QrKeys1796472063732 } from './1796472063732-QrKeys';
import { HashSigning1796472539820 } from './1796472539820-HashSigning';
import { SignatureImages1796472658686 } from './1796472658686-SignatureImages';
import { SigningCallbacks1796473890466 } from './1796473890466-SigningCallbacks';
import { SessionChanges1796480000000 } from './1796480000000-SessionChanges';
import { QueueUnitStatus1796581899361 } from './1796581899361-QueueUnitStatus';
import { DocumentFileIndex1796588253113 } from './1796588253113-DocumentFileIndex';
import { DiscardedDrafts1796590000000 } from './1796590000000-DiscardedDrafts';
import { ReportEvidenceIndex1796591000000 } from './1796591000000-ReportEvidenceIndex';
import { HigherDecisionFileIndex1796592000000 } from './1796592000000-HigherDecisionFileIndex';
import { SessionDevices1796593000000 } from './1796593000000-SessionDevices';

/**
 * Every migration, in order. `npm run migration:generate -- migrations/Name`
 * writes a new file; add its class at the end of this list.
 */
export const migrations: Function[] = [
  Identity1795328308382,
  Movements1795329437748,
  Workflow1795330323183,
  QueueIndexes1795331034222,
  Decisions1795331462561,
  Corrections1795333251399,
  DossierCounts1795336189598,
  DossierAwardForms1795336858466,
  RefreshReuse1795338019341,
  CorrectedLines1795437571752,
  DossierRequestKey1795444306421,
  ReportDrafts1795445820626,
  RegisterSearch1795447784262,
  AuthorityLife1795450155044,
  PersonCases1795450580730,
  DecisionBaseSalary1795450983853,
  AwardFormLawTitle1795451241980,
  PersonRatings1795453299636,
  AuthoritySuccessor1795460000000,
  PersonInitiatives1796447161616,
  NomineeAttestations1796448372554,
  QuotaCitation1796448629858,
  ProvincialTexts1796448801667,
  AuthorityEmblem1796449356742,
  UnitRatings1796449550545,
  DecisionWording1796449849813,
  RecordedAwards1796451517659,
  HigherDecisions1796459247940,
  AwardFund1796460171702,
  Publicity1796469901057,
  Signing1796471399243,
  QrKeys1796472063732,
  HashSigning1796472539820,
  SignatureImages1796472658686,
  SigningCallbacks1796473890466,
  SessionChanges1796480000000,
  QueueUnitStatus1796581899361,
  DocumentFileIndex1796588253113,
  DiscardedDrafts1796590000000,
  ReportEvidenceIndex1796591000000,
  HigherDecisionFileIndex1796592000000,
  SessionDevices1796593000000,
];
