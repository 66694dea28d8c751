import math

import torch
from torch import nn

torch.manual_seed(0)

layer = nn.Linear(256, 256)
w = layer.weight.detach()
print("max |w|       ", round(w.abs().max().item(), 6), "  bound 1/sqrt(fan_in) =", 1 / math.sqrt(256))  # (1)!
print("std(w)        ", round(w.std().item(), 5), "  1/sqrt(3 fan_in) =", round(1 / math.sqrt(3 * 256), 5))
kaiming = math.sqrt(2 / 256)
print("Kaiming (ReLU) std sqrt(2/fan_in) =", round(kaiming, 5))  # (2)!
print("std(w) / Kaiming std =", round(w.std().item() / kaiming, 2))
print("calculate_gain: tanh", round(nn.init.calculate_gain("tanh"), 4), " relu", round(nn.init.calculate_gain("relu"), 4))  # (3)!
