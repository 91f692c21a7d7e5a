package com.example.bootbom;

import com.example.checks.ConsumerChecks;

class BootBomConsumerTests extends ConsumerChecks {

}
