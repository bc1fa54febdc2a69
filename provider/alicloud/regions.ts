/**
 * The Alibaba Cloud region ids the provider accepts for RDS, MongoDB (DDS) and Tair (R-KVStore):
 * one list for the three families, so a typo such as `cn-hangzhuo` fails at `check` instead of
 * at the first call (which would go to a host that does not exist).
 *
 * Source: the union of the endpoint maps of the SDKs the project pins (constructor `_endpointMap`
 * in `@alicloud/rds20140815@15.4` and `@alicloud/r-kvstore20150101@6.4` `dist/client.js`; DDS has
 * no SDK). Those maps name every public region (the R-KVStore map lists them all), the finance and
 * government regions, and Alibaba's own internal ones, which are kept: a region the SDK knows is
 * one the cloud may accept. A new region needs a line here (and the SDK version that knows it).
 */
export const ALIBABA_REGIONS = [
  // Public regions, mainland China
  "cn-qingdao",
  "cn-beijing",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-wulanchabu",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-nanjing",
  "cn-fuzhou",
  "cn-shenzhen",
  "cn-heyuan",
  "cn-guangzhou",
  "cn-chengdu",
  "cn-wuhan-lr",
  // Public regions elsewhere
  "cn-hongkong",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-south-1",
  "us-east-1",
  "us-west-1",
  "us-southeast-1",
  "na-south-1",
  "eu-west-1",
  "eu-central-1",
  "me-east-1",
  "me-central-1",
  // Finance and government regions
  "cn-shanghai-finance-1",
  "cn-shenzhen-finance-1",
  "cn-beijing-finance-1",
  "cn-hangzhou-finance",
  "cn-north-2-gov-1",
  "cn-beijing-gov-1",
  "cn-zhengzhou-jva",
  // Named in the SDKs' endpoint maps (dedicated and internal regions)
  "ap-northeast-2-pop",
  "cn-beijing-finance-pop",
  "cn-beijing-nu16-b01",
  "cn-edge-1",
  "cn-fujian",
  "cn-haidian-cm12-c01",
  "cn-hangzhou-bj-b01",
  "cn-hangzhou-internal-prod-1",
  "cn-hangzhou-internal-test-1",
  "cn-hangzhou-internal-test-2",
  "cn-hangzhou-internal-test-3",
  "cn-hangzhou-test-306",
  "cn-heyuan-acdr-1",
  "cn-hongkong-finance-pop",
  "cn-qingdao-nebula",
  "cn-shanghai-et15-b01",
  "cn-shanghai-et2-b01",
  "cn-shanghai-inner",
  "cn-shanghai-internal-test-1",
  "cn-shenzhen-inner",
  "cn-shenzhen-st4-d01",
  "cn-shenzhen-su18-b01",
  "cn-wuhan",
  "cn-wulanchabu-gic-1",
  "cn-yushanfang",
  "cn-zhangbei",
  "cn-zhangbei-na61-b01",
  "cn-zhangjiakou-na62-a01",
  "cn-zhengzhou-nebula-1",
  "eu-west-1-oxs",
  "rus-west-1-pop",
] as const;
