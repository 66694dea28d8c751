import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(
    nn.Linear(3, 4),
    nn.Sigmoid(),  # (1)!
    nn.ReLU(inplace=True),  # (2)!
    nn.Linear(4, 1),
)
loss = model(torch.randn(2, 3)).pow(2).mean()
loss.backward()
